#!/bin/sh
# Code mutation testing of the standalone checker (issue 19 item 4): mutmut 3 over checker/, configured in
# pyproject.toml [tool.mutmut] (files mutated, tests run). mutmut is not a project dependency: this script
# installs it into the active environment. Results: docs/benchmarks.md "Mutation testing"; the equivalent
# survivors are listed in checker/README.md "Mutation testing".
#
#   sh benchmarks/mutation.sh                       # every configured file
#   sh benchmarks/mutation.sh 'checker.poly.*'      # one module (mutmut's mutant-name glob)
#   KEEP=1 sh benchmarks/mutation.sh NAME ...       # re-run mutants in the existing copy, tests refreshed
#   MUTATION_CHILDREN=2 sh benchmarks/mutation.sh   # two workers (only when nothing else runs)
#
# The run works on a snapshot of the committed tree (git archive HEAD) in $MUTATION_WORKDIR, so edits in the
# working tree do not leak into it; with KEEP=1 only tests/ is refreshed from the working tree. One worker
# by default (the machine is shared) and lowered priority. Afterwards: cd $MUTATION_WORKDIR && mutmut results / show NAME.
set -eu
cd "$(dirname "$0")/.."
WORK="${MUTATION_WORKDIR:-/tmp/sgd-proofs-mutation}"
python -m pip install --quiet 'mutmut>=3.8,<4'
if [ -z "${KEEP:-}" ]; then
    rm -rf "$WORK"
    mkdir -p "$WORK"
    git archive HEAD | tar -x -C "$WORK"
else
    for d in tests/checker tests/adversarial; do
        cp -r "$d/." "$WORK/$d/"
        [ -d "$WORK/mutants/$d" ] && cp -r "$d/." "$WORK/mutants/$d/"
    done
fi
# tests that run `python -S -m checker` in a subprocess must still find mutmut's trampoline module
PYTHONPATH="$(python -c 'import mutmut, pathlib; print(pathlib.Path(mutmut.__file__).parents[1])')"
export PYTHONPATH
cd "$WORK"
nice -n 15 mutmut run --max-children "${MUTATION_CHILDREN:-1}" "$@"
mutmut results --all true > results.txt || true
echo "survived: $(grep -c ': survived' results.txt || true)  (list: $WORK/results.txt)"
