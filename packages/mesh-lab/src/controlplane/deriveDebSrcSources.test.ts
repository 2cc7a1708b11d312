import { deriveDebSrcSources } from './deriveDebSrcSources';

describe('deriveDebSrcSources', () => {
  it("mirrors a Debian machine's deb822 entries, comments and all, one deb-src stanza each", () => {
    const debianSources = [
      'Types: deb',
      '# http://snapshot.example.org/archive/debian/20250520T000000Z',
      'URIs: http://mirror.example.org/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
      '',
      'Types: deb',
      '# http://snapshot.example.org/archive/debian-security/20250520T000000Z',
      'URIs: http://mirror.example.org/debian-security',
      'Suites: bookworm-security',
      'Components: main',
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
      '',
    ].join('\n');
    expect(
      deriveDebSrcSources([{ path: '/etc/apt/sources.list.d/debian.sources', text: debianSources }]),
    ).toBe(
      [
        'Types: deb-src',
        'URIs: http://mirror.example.org/debian',
        'Suites: bookworm bookworm-updates',
        'Components: main',
        'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
        '',
        'Types: deb-src',
        'URIs: http://mirror.example.org/debian-security',
        'Suites: bookworm-security',
        'Components: main',
        'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
        '',
      ].join('\n'),
    );
  });

  it('reads one-line entries from sources.list and *.list, with their [signed-by=...] option', () => {
    const sourcesList = [
      '# a company mirror',
      'deb [arch=amd64 signed-by=/etc/apt/keyrings/mirror.gpg] https://apt.internal.example/debian bookworm main contrib # pinned',
      '',
      'deb http://apt.internal.example/security bookworm-security main',
    ].join('\n');
    expect(deriveDebSrcSources([{ path: '/etc/apt/sources.list', text: sourcesList }])).toBe(
      [
        'Types: deb-src',
        'URIs: https://apt.internal.example/debian',
        'Suites: bookworm',
        'Components: main contrib',
        'Signed-By: /etc/apt/keyrings/mirror.gpg',
        '',
        'Types: deb-src',
        'URIs: http://apt.internal.example/security',
        'Suites: bookworm-security',
        'Components: main',
        '',
      ].join('\n'),
    );
  });

  it('leaves out entries that already have their deb-src twin, and disabled ones', () => {
    const files = [
      {
        path: '/etc/apt/sources.list.d/debian.sources',
        text: 'Types: deb deb-src\nURIs: http://m.example/debian\nSuites: bookworm\nComponents: main\n',
      },
      {
        path: '/etc/apt/sources.list.d/old.sources',
        text: 'Enabled: no\nTypes: deb\nURIs: http://old.example/debian\nSuites: buster\nComponents: main\n',
      },
      {
        path: '/etc/apt/sources.list.d/extra.list',
        text: 'deb http://x.example/debian bookworm main\ndeb-src http://x.example/debian/ bookworm main\n',
      },
    ];
    expect(deriveDebSrcSources(files)).toBeUndefined();
  });

  it('keeps an embedded Signed-By key block and field names in any case', () => {
    const text = [
      'types: deb',
      'uris: http://m.example/debian',
      'suites: bookworm',
      'components: main',
      'signed-by:',
      ' -----BEGIN PGP PUBLIC KEY BLOCK-----',
      ' .',
      ' mQINBGR...',
      ' -----END PGP PUBLIC KEY BLOCK-----',
    ].join('\n');
    expect(deriveDebSrcSources([{ path: '/etc/apt/sources.list.d/m.sources', text }])).toBe(
      [
        'Types: deb-src',
        'URIs: http://m.example/debian',
        'Suites: bookworm',
        'Components: main',
        'Signed-By:',
        ' -----BEGIN PGP PUBLIC KEY BLOCK-----',
        ' .',
        ' mQINBGR...',
        ' -----END PGP PUBLIC KEY BLOCK-----',
        '',
      ].join('\n'),
    );
  });

  it('says so when the machine has no deb entry to take sources from', () => {
    expect(() => deriveDebSrcSources([{ path: '/etc/apt/sources.list', text: '# nothing\n' }])).toThrow(
      'No enabled "deb" entry in /etc/apt/sources.list: there is no archive to enable source packages (deb-src) from',
    );
  });
});
