// The mock CA and its MSW handlers, for consumers' tests and stories.
export {};
