import { css } from 'lit';

export const styles = css`
  td.message-cell .apply-inline {
    font-weight: 600;
  }
`;
