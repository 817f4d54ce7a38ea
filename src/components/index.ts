// Registers every element of the Certificate Center. The elements arrive with their issue;
// until then this entry exports nothing.
export {};
