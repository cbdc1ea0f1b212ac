#!/usr/bin/env bash
# Print the path of a Python >= 3.12 (Django 6.1 needs it), or explain what to install.
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; }
for candidate in "${PYTHON:-}" python3.13 python3.12; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if ok "$path"; then echo "$path"; exit 0; fi
done
for dir in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.* 2>/dev/null | sort -V -r); do
  if ok "$dir/bin/python"; then echo "$dir/bin/python"; exit 0; fi
done
python3 -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v python3; exit 0; }
echo "No Python 3.12 or newer found. Install one (Debian: apt-get install python3.12 python3.12-venv;" \
     "pyenv: pyenv install 3.12) or set PYTHON=/path/to/python3.12." >&2
exit 1
