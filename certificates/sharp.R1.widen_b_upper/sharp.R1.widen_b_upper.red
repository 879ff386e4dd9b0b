% sgd-proofs claim sharp.R1.widen_b_upper: R1 >= 0 with the region widened to b < 11/10
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, z}, b + 1 > 0 and - b + (11/10) > 0 and a > 0 and - a + 2*b + 2 > 0 and z > 0 and - z + 1 > 0 and not (- 2*a**2*b*z**2 + 4*a*b**2*z**2 + 4*a*b*z**2 + b**4*z**4 + 2*b**3*z**3 - 2*b**3*z**2 - 2*b**2*z**2 - 2*b*z**2 + 2*b*z + 1 >= 0))$
rlqe phi;
end;
