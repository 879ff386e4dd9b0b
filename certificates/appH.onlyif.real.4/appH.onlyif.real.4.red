% sgd-proofs claim appH.onlyif.real.4: real roots m1, m2 in (-1,1) => a < 2(b+1)
% expected answer: false (the claim holds)
rlset R$
phi := ex({m1, m2}, m1 + 1 > 0 and - m1 + 1 > 0 and m2 + 1 > 0 and - m2 + 1 > 0 and not (m1*m2 + m1 + m2 + 1 > 0))$
rlqe phi;
end;
