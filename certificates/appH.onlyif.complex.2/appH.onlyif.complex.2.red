% sgd-proofs claim appH.onlyif.complex.2: complex roots x+-iy, y>0, x^2+y^2<1 => b < 1
% expected answer: false (the claim holds)
rlset R$
phi := ex({x, y}, y > 0 and - x**2 - y**2 + 1 > 0 and not (- x**2 - y**2 + 1 > 0))$
rlqe phi;
end;
