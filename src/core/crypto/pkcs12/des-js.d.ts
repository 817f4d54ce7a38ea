// The part of the CommonJS `des.js` package the PKCS#12 ciphers use; it ships no types.
declare module 'des.js' {
  interface DesCipherOptions {
    type: 'encrypt' | 'decrypt';
    key: ArrayLike<number>;
    iv?: ArrayLike<number>;
    /** `false` leaves padding to the caller. */
    padding?: boolean;
  }
  interface DesCipher {
    update(data: ArrayLike<number>): number[];
    final(data?: ArrayLike<number>): number[];
  }
  interface DesCipherClass {
    create(options: DesCipherOptions): DesCipher;
  }
  const des: {
    DES: DesCipherClass;
    EDE: DesCipherClass;
    CBC: { instantiate(base: DesCipherClass): DesCipherClass };
  };
  export default des;
}
