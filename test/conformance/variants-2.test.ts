// Broken mocks, second half: each breaks one rule, and the kit names that rule and no other.
import { variants } from './support.ts';
import { describeVariants } from './broken-variants.ts';

describeVariants(variants.filter((_, i) => i % 2 === 1));
