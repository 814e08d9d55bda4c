import rule from '../../../src/rules/dockerfile/pip-pin-versions.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM python:3.12\nRUN pip install flask==3.0.0\n',
    'FROM python:3.12\nRUN pip install "flask>=3,<4" "requests~=2.31" attrs===23.1.0\n',
    'FROM python:3.12\nRUN pip install -r requirements.txt\n',
    'FROM python:3.12\nRUN pip install -qr requirements.txt\n',
    'FROM python:3.12\nRUN pip install --requirement=requirements.txt\n',
    'FROM python:3.12\nRUN pip install flask -c constraints.txt\n',
    'FROM python:3.12\nENV PIP_CONSTRAINT=/constraints.txt\nRUN pip install flask\n',
    'FROM python:3.12\nRUN pip install .\n',
    'FROM python:3.12\nRUN pip install -e .\n',
    'FROM python:3.12\nRUN pip install ./dist/app-1.0-py3-none-any.whl\n',
    'FROM python:3.12\nRUN pip install app.tar.gz\n',
    'FROM python:3.12\nRUN pip install https://example.com/app-1.0.zip\n',
    'FROM python:3.12\nRUN pip install git+https://github.com/org/repo.git@v1.2#egg=repo\n',
    'FROM python:3.12\nRUN pip install git+ssh://git@github.com/org/repo.git@abc123\n',
    'FROM python:3.12\nRUN pip install "pkg @ https://example.com/pkg-1.0.tar.gz"\n',
    'FROM python:3.12\nRUN pip install --target /opt/x --index-url https://example.com/simple x==1.0\n',
    'FROM python:3.12\nRUN python3 -m pip install --no-cache-dir x==1.0\n',
    'FROM python:3.12\nRUN pipx install --python python3.12 "poetry==1.8.5"\n',
    'FROM python:3.12\nRUN pipenv install black\n',
    'FROM python:3.12\nRUN pip install $PKG\n',
    'FROM python:3.12\nRUN pip download flask\n',
  ],
  invalid: [
    {
      name: 'inside a PowerShell block: the package, not the closing brace',
      code: "FROM python:3.11\nSHELL [\"powershell\", \"-Command\"]\nRUN if ($env:X -eq 'true') { pip install --no-cache-dir chroma-hnswlib }\n",
      errors: [{ text: 'chroma-hnswlib' }],
    },
    {
      name: 'behind env',
      code: 'FROM python:3.12\nRUN env PIP_ROOT_USER_ACTION=ignore pip install --no-cache-dir flask\n',
      errors: [{ text: 'flask' }],
    },
    {
      code: 'FROM python:3.12\nRUN pip install flask\n',
      errors: [{ messageId: 'unpinned', line: 2, column: 17, text: 'flask', aliases: ['DL3013'] }],
      fix: null,
    },
    {
      name: 'unversioned VCS URL',
      code: 'FROM python:3.12\nRUN pip install git+ssh://git@github.com/org/repo.git#egg=repo\n',
      errors: [{ text: 'git+ssh://git@github.com/org/repo.git#egg=repo' }],
    },
    {
      name: 'packages named next to a requirements file are still checked',
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt gunicorn\n',
      errors: [{ text: 'gunicorn' }],
    },
    {
      name: 'pip upgrading itself',
      code: 'FROM python:3.12\nRUN pip install --upgrade pip setuptools==69.0.0\n',
      errors: [{ text: 'pip' }],
    },
    {
      name: 'python -m pip and flag=value forms',
      code: 'FROM python:3.12\nRUN python -m pip install --root-user-action=ignore mypkg\n',
      errors: [{ column: 53, text: 'mypkg' }],
    },
    {
      name: 'extras without a version',
      code: "FROM python:3.12\nRUN pip install 'requests[socks]'\n",
      errors: [{ text: "'requests[socks]'" }],
    },
    {
      name: 'pipx',
      code: 'FROM python:3.12\nRUN pipx install black\n',
      errors: [{ text: 'black' }],
    },
    {
      name: 'multi-line RUN and ONBUILD',
      code: 'FROM python:3.12\nONBUILD RUN pip install \\\n    flask==3.0.0 \\\n    gunicorn\n',
      errors: [{ line: 4, column: 5, text: 'gunicorn' }],
    },
    {
      name: 'heredoc',
      code: 'FROM python:3.12\nRUN <<EOF\npip3 install flask\nEOF\n',
      errors: [{ line: 3, column: 14 }],
    },
  ],
});
