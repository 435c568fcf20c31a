import { expect, waitUntil } from '@open-wc/testing';
import { $, $$, SMALL } from './helpers.ts';

/** The strictest policy the elements need: no inline script or style, no eval, Trusted Types required. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self'; require-trusted-types-for 'script'; trusted-types kanswijzer lit-html; object-src 'none'; base-uri 'none'; form-action 'none'";

interface Probe {
  violations: string[];
  trustedTypesEnforced: boolean;
}

/** A page with every element under the strict policy (meta tag), loading `script` as a module. */
async function strictPage(script: string, bundle = '', csp = STRICT_CSP): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '700px';
  frame.srcdoc = `<!doctype html>
<html lang="nl" data-bundle="${bundle}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>Strikte CSP</title>
<script type="module" src="${script}"></script>
</head>
<body>
<script>window.inlineScriptRan = true;</script>
<div style="color: red" id="styled">inline style</div>
<kw-resources src="${SMALL}"></kw-resources>
<kw-item src="${SMALL}" item="meldpunt-stagediscriminatie"></kw-item>
<kw-saved></kw-saved>
<kw-action-plan src="${SMALL}"></kw-action-plan>
</body>
</html>`;
  document.body.append(frame);
  await waitUntil(() => (frame.contentWindow as unknown as { cspProbe?: Probe })?.cspProbe, 'the page script did not run', { timeout: 10000 });
  return frame;
}

async function checkElements(frame: HTMLIFrameElement): Promise<void> {
  const win = frame.contentWindow as unknown as Window & { cspProbe: Probe; inlineScriptRan?: boolean };
  const doc = frame.contentDocument!;
  const probe = win.cspProbe;
  // The policy is enforced: the inline script did not run, the inline style did not apply, plain strings
  // are refused where HTML goes.
  expect(win.inlineScriptRan).to.equal(undefined);
  expect(win.getComputedStyle(doc.getElementById('styled')!).color).not.to.equal('rgb(255, 0, 0)');
  expect(probe.trustedTypesEnforced).to.equal(true);

  const list = doc.querySelector('kw-resources')!;
  await waitUntil(() => list.shadowRoot?.querySelectorAll('.results > li').length === 5, 'the list did not render', { timeout: 10000 });
  // Search loads its chunk; the detail loads <kw-item> and the Markdown chunk, through the kanswijzer policy.
  const input = $(list, 'input[type=search]') as HTMLInputElement;
  input.value = 'stage';
  input.dispatchEvent(new Event('input'));
  await waitUntil(() => list.shadowRoot!.querySelectorAll('.results > li').length === 2, 'search did not work', { timeout: 10000 });
  const item = doc.querySelector('kw-item')!;
  await waitUntil(() => item.shadowRoot?.querySelector('.body h3'), 'the Markdown body was not rendered as HTML', { timeout: 10000 });
  expect(item.shadowRoot!.querySelector('.body a')!.getAttribute('href')).to.equal('https://proefnetwerk.example/onderzoek');
  // Styles come through adopted style sheets, which style-src 'self' allows.
  expect(win.getComputedStyle($(item, '.base')).display).to.equal('grid');
  const saved = doc.querySelector('kw-saved')!;
  await waitUntil(() => saved.shadowRoot?.querySelector('.count'), 'saved items did not render');
  const plan = doc.querySelector('kw-action-plan')!;
  await waitUntil(() => plan.shadowRoot?.querySelectorAll('.choices li').length === 2, 'the action plan did not render', { timeout: 10000 });
  ($(list, '[part=save-button]') as HTMLButtonElement).click();
  await waitUntil(() => saved.shadowRoot!.querySelectorAll('.list > li').length === 1, 'saving did not work under the policy', { timeout: 10000 });
  expect(probe.violations, 'the elements caused CSP violations').to.deep.equal([]);
  expect($$(list, 'script')).to.have.length(0);
}

describe('strict Content-Security-Policy with Trusted Types', () => {
  it('the elements (source modules) work and cause no violations', async () => {
    const frame = await strictPage('/widgets/test/csp-page.ts');
    await checkElements(frame);
    frame.remove();
  });

  it('a page that does not allow the kanswijzer policy gets bodies as plain text, and the refusal is seen', async () => {
    const frame = await strictPage('/widgets/test/csp-page.ts', '', STRICT_CSP.replace('trusted-types kanswijzer lit-html', 'trusted-types lit-html'));
    const doc = frame.contentDocument!;
    const item = doc.querySelector('kw-item')!;
    await waitUntil(() => item.shadowRoot?.querySelector('.body.plain'), 'the body did not fall back to plain text', { timeout: 10000 });
    expect($(item, '.body').textContent).to.contain('## Waarom');
    expect(item.shadowRoot!.querySelector('.body h3')).to.equal(null);
    const probe = (frame.contentWindow as unknown as { cspProbe: Probe }).cspProbe;
    await waitUntil(() => probe.violations.some((v) => v.startsWith('trusted-types')), 'the refused policy was not reported');
    frame.remove();
  });

  it('the built bundle (dist/widgets/kanswijzer.js) works and causes no violations', async function () {
    const built = await fetch('/dist/widgets/kanswijzer.js', { method: 'HEAD' });
    if (!built.ok || !(built.headers.get('content-type') ?? '').includes('javascript')) {
      // Only after `npm run build`; the source test above always runs.
      this.skip();
    }
    const frame = await strictPage('/widgets/test/csp-page.ts', '/dist/widgets/kanswijzer.js');
    await checkElements(frame);
    frame.remove();
  });
});
