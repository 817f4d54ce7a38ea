// Help (操作說明) in English: the manual's steps for each menu item, in our own words; the
// labels in quotation marks are the buttons and messages the customer sees.
import type { HelpSection, HelpSectionId } from '../translation';

export const enHelp: Record<HelpSectionId, HelpSection> = {
  overview: {
    title: 'Certificates and applying',
    intro:
      'You need a certificate before you can place orders online. This page lists your certificates on our servers, in this browser and on your other devices; if you have none yet, you can apply here.',
    steps: [
      'Choose “Certificates” in the menu and look at the three tables: on our servers, in this browser, and on other devices.',
      'If you have no certificate yet, choose “Apply”.',
      'Choose “Get code”, check the mobile number and e-mail address the message names, choose “OK”, and read the code in the text message or e-mail.',
      'Enter the code before the countdown ends and choose “Confirm”.',
      'Read the subscriber agreement and choose “Confirm” to accept it; “Cancel” applies for nothing.',
      'Wait while the certificate is downloaded (about 5 to 20 seconds): the key is made on this computer and the certificate is stored in this browser.',
      'Set the file name and a backup password, choose “Export”, and save the file: that is your backup.',
      'When the page says your certificate was issued and stored on this computer, you are done.',
    ],
    notes: [
      'A certificate is valid for one year from the day it is issued.',
      'Each ID number (or company number) has one computer certificate, shared by all of your electronic accounts with us.',
      'A code is valid for one minute; asking for a new one, three wrong entries or the minute running out void the earlier code.',
    ],
  },
  renew: {
    title: 'Renewing the certificate',
    intro: 'From 30 days before until 30 days after it ends (the renewal window) you can renew your certificate online, using the valid certificate stored on this computer.',
    steps: [
      'Choose “Certificates” and, in the table of certificates on our servers, choose “Renew” while the window is open.',
      'Choose “Get code”, choose “OK” in the message, and read the code in the text message or e-mail.',
      'Enter the code and choose “Confirm”.',
      'Wait while the new certificate is downloaded and stored on this computer.',
      'Set a backup password, choose “Export” and save the file, to back up the renewed certificate.',
      'When the page says your certificate was renewed and stored on this computer, you are done.',
    ],
    notes: [
      'Once the new certificate is issued, the previous one no longer works.',
      'If you imported your certificate on other computers, import the renewed backup there too before you place orders on them.',
    ],
  },
  import: {
    title: 'Importing a certificate',
    intro: 'To place orders on another computer or in another browser, import the backup file you exported earlier.',
    steps: [
      'Choose “Import” in the menu.',
      'Choose your backup file (.pfx or .p12), or drop it on the page.',
      'Enter the password you set when you exported this backup and choose “OK”.',
      'When the page says the import succeeded, you can place orders on this computer.',
    ],
    notes: [
      'This is the backup password you chose when exporting, not your trading password.',
      'If you have forgotten it, export a new backup with a new password on the computer that holds the certificate.',
    ],
  },
  export: {
    title: 'Exporting a backup',
    intro: 'So that you never lose your certificate, and to place orders on more than one computer, export a backup and keep the file safe.',
    steps: [
      'Choose “Export” in the menu and pick the certificate to back up.',
      'Check the file name; Chinese or English names are both fine.',
      'Enter the backup password twice: 4 to 10 characters, English letters and digits.',
      'Choose “Export”, pick where to save it and save the file.',
    ],
    notes: [
      'The backup password is only used to import the certificate; remember it. It is not your trading password.',
      'Online revocations are limited in number, so back up your certificate right after applying or renewing.',
    ],
  },
  check: {
    title: 'Checking certificates',
    intro: 'See whether the certificates stored in this browser can still be used.',
    steps: [
      'Choose “Check certificates” in the menu and look at the certificates stored in this browser.',
      'A certificate marked “Valid” can be backed up with “Export”.',
      'A certificate marked “Invalid” (for example expired or revoked) can be deleted from this computer with “Remove”, after you confirm.',
      'If the page says this browser holds no valid certificate of yours, choose “Import” to import your backup.',
    ],
    notes: ['“Remove” deletes the certificate from this computer only; it does not revoke it on our servers.'],
  },
  revoke: {
    title: 'Revoking the certificate',
    intro: 'If your certificate is lost, may have been copied, or is no longer needed, revoke it online; a revoked certificate cannot sign orders again.',
    steps: [
      'Choose “Revoke” in the menu and check the certificate shown from our servers.',
      'Choose “Get code”, choose “OK” in the message, and read the code in the text message or e-mail.',
      'Enter the code and choose “Confirm”; when the page says the code is verified, choose “OK”.',
      'When asked whether to revoke the certificate, choose “OK”; “Cancel” keeps it.',
      'When the page says the certificate was revoked, you are done.',
    ],
    notes: [
      'For your safety, online revocations are limited in number; past the limit, please contact a branch or customer service.',
      'This computer’s copy then shows as invalid and can be removed under “Check certificates”; apply again to place orders.',
    ],
  },
  environment: {
    title: 'Computer check',
    intro: 'Checks whether this computer and browser can use the certificate center, and tells you what to change.',
    steps: [
      'Choose “Computer check” in the menu: the check starts by itself and takes a few seconds.',
      'Read the summary at the top, then each item: “Passed”, “Attention”, “Failed” or “Not checked”.',
      'Follow the advice under any item marked “Attention” or “Failed” to change the computer’s or the browser’s settings.',
      'Then choose “Check again” and make sure every item passes.',
    ],
    notes: [
      'The check covers the secure connection, the browser’s cryptography, its storage, the computer’s clock, cookies, the browser version and background work.',
      'A failed item stops you applying for, storing or using a certificate here; an item that needs attention still works, but is worth fixing.',
    ],
  },
};
