// The contract every form-associated element of the center keeps, as one suite to run for each
// (Web Awesome's runFormControlBaseTests is the model): it takes part in its <form> as a native
// control does — its value under its name, nothing when disabled (itself or by a <fieldset>),
// validity with a message, reset and restore, labels, and one tab stop.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';

/** What the suite needs of a form control. */
export interface FormControl extends HTMLElement {
  name: string;
  value: string;
  disabled: boolean;
  required: boolean;
  readonly form: HTMLFormElement | null;
  readonly labels: NodeList;
  readonly validity: ValidityState;
  readonly validationMessage: string;
  readonly willValidate: boolean;
  checkValidity(): boolean;
  reportValidity(): boolean;
  setCustomValidity(message: string): void;
  formStateRestoreCallback(state: string | File | FormData | null, reason: 'restore' | 'autocomplete'): void;
  readonly updateComplete: Promise<unknown>;
}

export interface FormControlTestOptions {
  /** A value the control takes as whole and valid. */
  validValue: string;
  /** Another valid value, different from `validValue`. */
  otherValue: string;
  /** Enters a value as the customer would (typing, autofill). */
  fill(control: FormControl, value: string): Promise<void>;
  /** Attributes the control needs besides name, required, disabled and value (e.g. `code-length`). */
  attributes?: Record<string, string>;
}

/** Runs the form-control contract for the element registered as `tag`. */
export function runFormControlTests(tag: string, options: FormControlTestOptions): void {
  const added: Element[] = [];

  /** `<form>` with the control (attributes as given) between two buttons, in the document. */
  async function formWith(attributes: Record<string, string> = {}): Promise<{ form: HTMLFormElement; control: FormControl; before: HTMLButtonElement; after: HTMLButtonElement }> {
    const form = document.createElement('form');
    const before = document.createElement('button');
    before.type = 'button';
    before.textContent = 'before';
    const after = document.createElement('button');
    after.type = 'button';
    after.textContent = 'after';
    const control = document.createElement(tag) as FormControl;
    for (const [name, value] of Object.entries({ ...options.attributes, ...attributes })) control.setAttribute(name, value);
    form.append(before, control, after);
    document.body.append(form);
    added.push(form);
    await control.updateComplete;
    return { form, control, before, after };
  }

  const settle = async (control: FormControl) => {
    await control.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    await control.updateComplete;
  };

  describe(`<${tag}> keeps the form-control contract`, () => {
    afterEach(() => {
      for (const element of added.splice(0)) element.remove();
    });

    it('is form-associated and has the validity API of a native control', async () => {
      const { form, control } = await formWith({ name: 'field' });
      expect((customElements.get(tag) as unknown as { formAssociated?: boolean }).formAssociated).toBe(true);
      expect(control.form).toBe(form);
      expect(control.willValidate).toBe(true);
      expect(control.validity).toBeInstanceOf(ValidityState);
      expect(typeof control.checkValidity).toBe('function');
      expect(typeof control.reportValidity).toBe('function');
      expect(typeof control.setCustomValidity).toBe('function');
    });

    it('submits the value the customer entered under its name, and only when it has a name', async () => {
      const { form, control } = await formWith({ name: 'field' });
      await options.fill(control, options.validValue);
      await settle(control);
      expect(control.value).toBe(options.validValue);
      expect(new FormData(form).get('field')).toBe(options.validValue);

      const unnamed = await formWith();
      await options.fill(unnamed.control, options.validValue);
      await settle(unnamed.control);
      expect([...new FormData(unnamed.form).keys()]).toEqual([]);
    });

    it('submits a value set by script', async () => {
      const { form, control } = await formWith({ name: 'field' });
      control.value = options.otherValue;
      await settle(control);
      expect(new FormData(form).get('field')).toBe(options.otherValue);
    });

    it('belongs to the form its form attribute names, outside that form', async () => {
      const form = document.createElement('form');
      form.id = `form-of-${tag}`;
      document.body.append(form);
      added.push(form);
      const { control } = await formWith({ name: 'field', form: form.id });
      control.value = options.validValue;
      await settle(control);
      expect(control.form).toBe(form);
      expect(new FormData(form).get('field')).toBe(options.validValue);
    });

    it('is named by a <label for> of the document', async () => {
      const { form, control } = await formWith({ name: 'field', id: `${tag}-field` });
      const label = document.createElement('label');
      label.htmlFor = control.id;
      label.textContent = 'outside label';
      form.prepend(label);
      expect([...control.labels]).toEqual([label]);
    });

    it('when disabled it is left out of the form data, not validated, and no tab stop', async () => {
      const { form, control, before, after } = await formWith({ name: 'field', required: '', disabled: '', value: options.validValue });
      await settle(control);
      expect(control.matches(':disabled')).toBe(true);
      expect(control.willValidate).toBe(false);
      expect(control.checkValidity()).toBe(true);
      expect([...new FormData(form).keys()]).toEqual([]);
      before.focus();
      await userEvent.keyboard('{Tab}');
      expect(document.activeElement).toBe(after);
    });

    it('a disabled <fieldset> disables it, and enabling the fieldset enables it again', async () => {
      const { form, control } = await formWith({ name: 'field', value: options.validValue });
      const fieldset = document.createElement('fieldset');
      form.append(fieldset);
      fieldset.append(control);
      fieldset.disabled = true;
      await settle(control);
      expect(control.matches(':disabled')).toBe(true);
      expect([...new FormData(form).keys()]).toEqual([]);
      fieldset.disabled = false;
      await settle(control);
      expect(control.matches(':disabled')).toBe(false);
      expect(new FormData(form).get('field')).toBe(options.validValue);
    });

    it('required and empty it is invalid with a message, fires invalid and stops the form from submitting', async () => {
      const { form, control } = await formWith({ name: 'field', required: '' });
      await settle(control);
      expect(control.validity.valueMissing).toBe(true);
      expect(control.validationMessage).not.toBe('');
      let invalid = 0;
      control.addEventListener('invalid', () => invalid++);
      expect(control.checkValidity()).toBe(false);
      expect(invalid).toBe(1);
      let submitted = 0;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        submitted++;
      });
      form.requestSubmit();
      expect(submitted).toBe(0);
      expect(form.checkValidity()).toBe(false);
    });

    it('a whole value makes it valid, with no message', async () => {
      const { control } = await formWith({ name: 'field', required: '' });
      await options.fill(control, options.validValue);
      await settle(control);
      expect(control.validity.valid).toBe(true);
      expect(control.validationMessage).toBe('');
      expect(control.checkValidity()).toBe(true);
    });

    it('a custom validity message makes it invalid until it is cleared', async () => {
      const { control } = await formWith({ name: 'field', value: options.validValue });
      control.setCustomValidity('not now');
      expect(control.validity.customError).toBe(true);
      expect(control.validationMessage).toBe('not now');
      control.setCustomValidity('');
      expect(control.validity.valid).toBe(true);
    });

    it('form reset brings back the value attribute', async () => {
      const { form, control } = await formWith({ name: 'field', value: options.validValue });
      await options.fill(control, options.otherValue);
      await settle(control);
      expect(control.value).toBe(options.otherValue);
      form.reset();
      await settle(control);
      expect(control.value).toBe(options.validValue);
      expect(new FormData(form).get('field')).toBe(options.validValue);
    });

    it('restores the state the browser saved', async () => {
      const { form, control } = await formWith({ name: 'field' });
      control.formStateRestoreCallback(options.otherValue, 'restore');
      await settle(control);
      expect(control.value).toBe(options.otherValue);
      expect(new FormData(form).get('field')).toBe(options.otherValue);
    });

    it('is one tab stop', async () => {
      const { control, before, after } = await formWith({ name: 'field' });
      before.focus();
      await userEvent.keyboard('{Tab}');
      expect(document.activeElement).toBe(control);
      await userEvent.keyboard('{Tab}');
      expect(document.activeElement).toBe(after);
    });
  });
}
