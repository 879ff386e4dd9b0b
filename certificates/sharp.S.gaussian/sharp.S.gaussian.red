% sgd-proofs claim sharp.S.gaussian: S > 0 at g = -1 (Gaussian features tau = -1, batch size 1)
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, z}, b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and z > 0 and - z + 1 > 0 and not (- 2*a**2*z - 2*a*b**2*z**2 - 2*a*b*z**2 + 2*a*b*z + 2*a*z - b**3*z**3 + b**3*z**2 + b**2*z**2 - b**2*z + b*z**2 - b*z - z + 1 > 0))$
rlqe phi;
end;
