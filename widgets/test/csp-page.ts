/**
 * The script of the strict-CSP test page (csp.browser.test.ts). It runs inside an iframe whose policy
 * allows scripts only from this origin and requires Trusted Types, and records what the browser refused.
 */
import { configureWidgets } from '../shared/config.ts';

interface CspProbe {
  violations: string[];
  trustedTypesEnforced: boolean;
}

const probe: CspProbe = { violations: [], trustedTypesEnforced: false };
(window as unknown as { cspProbe: CspProbe }).cspProbe = probe;
try {
  document.createElement('div').innerHTML = '<b>plain string</b>';
} catch {
  // Trusted Types refused a plain string: the policy is really enforced in this document.
  probe.trustedTypesEnforced = true;
}
// Every other refusal is the elements' doing (the probe's own report arrives later, as an event too).
document.addEventListener('securitypolicyviolation', (event) => {
  if (event.sample.includes('<b>plain string</b>')) return;
  probe.violations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
});
configureWidgets({ storeName: `kw-csp-${Date.now()}` });
const bundle = new URLSearchParams(location.search).get('bundle') ?? document.documentElement.dataset.bundle;
await import(bundle ? /* the built bundle */ bundle : '../index.ts');
