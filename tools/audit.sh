#!/usr/bin/env bash
# Security audit of what we ship (`make audit`): needs the network, so it is not part of `make test`.
#   1. pip-audit: the Lambda layer's dependencies (shared/requirements.txt, resolved as `sam build`
#      resolves them) against PyPI's advisory data. --strict: a package that could not be checked
#      fails the audit rather than passing silently.
#   2. checkov on template.yaml, when installed (CHECKOV=/path/to/checkov, or on PATH). Keep it out
#      of .venv (it pins many packages):  python3 -m venv /tmp/checkov-venv &&
#      /tmp/checkov-venv/bin/pip install checkov  then  CHECKOV=/tmp/checkov-venv/bin/checkov make audit
# ruff's security rules (S) run in `make lint`; cfn-lint's serverless rules in `make validate`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
status=0  # run every check, fail at the end if any failed

echo "== pip-audit ($("$BIN/pip-audit" --version)) on shared/requirements.txt"
"$BIN/pip-audit" --requirement shared/requirements.txt --strict --progress-spinner off --desc on || status=1

CHECKOV=${CHECKOV:-$(command -v checkov || true)}
if [[ -n "$CHECKOV" ]]; then
    echo "== checkov ($("$CHECKOV" --version)) on template.yaml"
    # Exceptions are justified in the template (Metadata: checkov: skip), next to the resource.
    "$CHECKOV" --file template.yaml --framework cloudformation --skip-download --compact --quiet || status=1
else
    echo "== checkov: not installed, skipped (see the comment at the top of tools/audit.sh)"
fi
exit $status
