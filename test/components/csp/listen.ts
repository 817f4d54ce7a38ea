// The first script of the strict-CSP page: it counts every violation from here on.
export const violations: { directive: string; blocked: string; sample: string }[] = [];
document.addEventListener('securitypolicyviolation', (e) => {
  violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
});
Object.assign(window, { cspViolations: violations });
