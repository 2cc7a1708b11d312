/** One apt source entry, from a deb822 stanza or a one-line entry. */
interface AptEntry {
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
  /** As written: a keyring path, a fingerprint list, or an embedded key block (deb822 lines). */
  signedBy?: string;
  enabled: boolean;
}

/**
 * The deb-src entries (deb822, for a file in /etc/apt/sources.list.d) that enable source packages
 * from the archives this machine already installs from: one stanza per enabled `deb` entry, with
 * its URIs, suites, components and Signed-By, so whatever mirror the machine is configured with
 * is the one sources come from. Reads deb822 `.sources` files and one-line `.list` files
 * (`deb [signed-by=...] uri suite component...`). An entry whose every URI, suite and component
 * already has a deb-src entry is left out; undefined when nothing is left to add.
 * Throws when there is no `deb` entry at all: then there is no archive to take sources from.
 */
export function deriveDebSrcSources(files: Array<{ path: string; text: string }>): string | undefined {
  const entries = files.flatMap(f => (f.path.endsWith('.sources') ? parseDeb822(f.text) : parseOneLine(f.text)));
  const enabled = entries.filter(e => e.enabled);
  const debs = enabled.filter(e => e.types.includes('deb'));
  if (debs.length === 0) {
    throw new Error(
      `No enabled "deb" entry in ${files.map(f => f.path).join(', ') || 'the apt sources'}: ` +
        'there is no archive to enable source packages (deb-src) from',
    );
  }
  const covered = new Set(enabled.filter(e => e.types.includes('deb-src')).flatMap(targetsOf));
  const missing = debs.filter(e => !targetsOf(e).every(t => covered.has(t)));
  if (missing.length === 0) return undefined;
  return missing
    .map(e =>
      [
        'Types: deb-src',
        `URIs: ${e.uris.join(' ')}`,
        `Suites: ${e.suites.join(' ')}`,
        ...(e.components.length ? [`Components: ${e.components.join(' ')}`] : []),
        ...(e.signedBy ? [`Signed-By:${e.signedBy.startsWith('\n') ? '' : ' '}${e.signedBy}`] : []),
      ].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}

/** Every (URI, suite, component) an entry names, as one comparable string each. */
function targetsOf(entry: AptEntry): string[] {
  const components = entry.components.length ? entry.components : [''];
  return entry.uris.flatMap(uri =>
    entry.suites.flatMap(suite => components.map(c => `${uri.replace(/\/+$/, '')} ${suite} ${c}`)),
  );
}

/** deb822 stanzas (sources.list(5)): fields are case-insensitive, continuation lines indented. */
function parseDeb822(text: string): AptEntry[] {
  const entries: AptEntry[] = [];
  for (const stanza of text.split(/\n[ \t]*(?:\n|$)/)) {
    const fields = new Map<string, string>();
    let current: string | undefined;
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#')) continue;
      if (/^[ \t]/.test(line) && current) {
        fields.set(current, `${fields.get(current)}\n${line}`);
        continue;
      }
      const m = /^([A-Za-z0-9-]+):[ \t]*(.*)$/.exec(line);
      if (!m) continue;
      current = m[1].toLowerCase();
      fields.set(current, m[2].trim());
    }
    if (!fields.has('types')) continue;
    const words = (name: string) => (fields.get(name) ?? '').split(/\s+/).filter(Boolean);
    entries.push({
      types: words('types'),
      uris: words('uris'),
      suites: words('suites'),
      components: words('components'),
      signedBy: fields.get('signed-by') || undefined,
      enabled: (fields.get('enabled') ?? 'yes').toLowerCase() !== 'no',
    });
  }
  return entries;
}

/** One-line entries: `deb [opt=value ...] uri suite [component ...]`, `#` starting a comment. */
function parseOneLine(text: string): AptEntry[] {
  const entries: AptEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)(.*)$/.exec(line);
    if (!m) continue;
    const options = new Map(
      (m[2] ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map(o => o.split(/=(.*)/s, 2) as [string, string]),
    );
    entries.push({
      types: [m[1]],
      uris: [m[3]],
      suites: [m[4]],
      components: m[5].split(/\s+/).filter(Boolean),
      // One-line entries separate several keyrings with commas; deb822 with spaces.
      signedBy: options.get('signed-by')?.split(',').join(' '),
      enabled: true,
    });
  }
  return entries;
}
