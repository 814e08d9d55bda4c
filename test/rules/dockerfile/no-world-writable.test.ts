import { describe, expect, it } from 'vitest';
import rule, { checkMode } from '../../../src/rules/dockerfile/no-world-writable.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

describe('checkMode', () => {
  it('reads numeric and symbolic modes', () => {
    expect(checkMode('777')).toMatchObject({ worldWritable: true, fixed: '775' });
    expect(checkMode('0666')).toMatchObject({ worldWritable: true, fixed: '0664' });
    expect(checkMode('1777')).toMatchObject({ worldWritable: true, sticky: true });
    expect(checkMode('755')).toMatchObject({ worldWritable: false });
    expect(checkMode('a+w')).toMatchObject({ worldWritable: true });
    expect(checkMode('u+x,o+w')).toMatchObject({ worldWritable: true });
    expect(checkMode('o=rx')).toMatchObject({ worldWritable: false });
    expect(checkMode('+w')).toMatchObject({ worldWritable: false });
    expect(checkMode('go-w')).toMatchObject({ worldWritable: false });
    expect(checkMode('$MODE')).toBeUndefined();
  });
});

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN chmod 755 /app\n',
    'FROM debian\nRUN chmod -R g=u /app\n',
    'FROM debian\nRUN chmod 1777 /tmp /var/tmp\n',
    'FROM debian\nRUN chmod 777 /tmp/cache\n',
    'FROM debian\nRUN chmod +w /app/data\n',
    'FROM debian\nRUN chmod "$MODE" /app\n',
    'FROM debian\nCOPY --chmod=755 entrypoint.sh /\n',
    'FROM debian\nRUN echo chmod 777 /app\n',
    { name: 'sticky bit: a shared directory', code: 'FROM ruby\nRUN mkdir -p "$GEM_HOME" && chmod 1777 "$GEM_HOME"\n' },
    { name: 'a temporary directory in a variable', code: 'FROM debian\nRUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir"\n' },
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN chmod 777 /app\n',
      errors: [{ messageId: 'chmod', line: 2, column: 11, text: '777 /app' }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM debian\nRUN chmod 775 /app\n',
    },
    {
      name: 'recursive inside a multi-line RUN, behind sudo',
      code: df`
        FROM debian
        RUN mkdir -p /srv/app \\
         && sudo chmod -R 0777 /srv/app
      `,
      errors: [{ line: 3, column: 19, text: '0777 /srv/app' }],
      unsafeOutput: df`
        FROM debian
        RUN mkdir -p /srv/app \\
         && sudo chmod -R 0775 /srv/app
      `,
    },
    {
      name: 'symbolic mode, no fix',
      code: 'FROM debian\nRUN chmod a+w /etc/passwd\n',
      errors: [{ text: 'a+w /etc/passwd' }],
      fix: null,
    },
    {
      name: 'COPY --chmod, CRLF',
      code: 'FROM debian\r\nCOPY --chmod=666 config.yml /etc/app/\r\n',
      errors: [{ messageId: 'copyChmod', line: 2, column: 6, text: '--chmod=666' }],
      unsafeOutput: 'FROM debian\r\nCOPY --chmod=664 config.yml /etc/app/\r\n',
    },
    {
      name: 'heredoc and ONBUILD',
      code: 'FROM debian\nRUN <<EOF\nchmod 666 /app/config\nEOF\nONBUILD RUN chmod o+w /app\n',
      errors: [{ line: 3, column: 7 }, { line: 5, column: 19 }],
    },
  ],
});
