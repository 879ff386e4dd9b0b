% sgd-proofs claim appH.onlyif.complex.2: complex roots x +- i sqrt(s-x^2), |root|^2 = s < 1 => b < 1
% expected answer: false (the claim holds)
rlset R$
phi := ex({x, s}, x + 1 > 0 and - x + 1 > 0 and - x**2 + s > 0 and - s + 1 > 0 and not (- s + 1 > 0))$
rlqe phi;
end;
