/**
 * Which sandbox a tab opens: `?sandbox=ID` in its address (so a tab keeps its sandbox across
 * reloads), else the one last opened in this browser, else the first.
 */
const LAST_KEY = 'kube-sandbox.sandbox';

export function chosenSandbox(search = typeof location === 'undefined' ? '' : location.search): string | undefined {
  const fromUrl = new URLSearchParams(search).get('sandbox');
  if (fromUrl) return fromUrl;
  try {
    return localStorage.getItem(LAST_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The address that opens sandbox `id` (the page's own address, other parameters dropped). */
export function sandboxUrl(id: string, href: string): string {
  const url = new URL(href);
  url.search = `?sandbox=${encodeURIComponent(id)}`;
  url.hash = '';
  return url.toString();
}

/** Open sandbox `id` in this tab: the page reloads with its cluster. */
export function openSandbox(id: string): void {
  try {
    localStorage.setItem(LAST_KEY, id);
  } catch {
    // Without storage the address alone remembers it.
  }
  location.assign(sandboxUrl(id, location.href));
}

/** Remember the sandbox this tab has open, for the next tab that opens without an address. */
export function rememberSandbox(id: string): void {
  try {
    localStorage.setItem(LAST_KEY, id);
  } catch {
    // Nothing to remember it in.
  }
}
