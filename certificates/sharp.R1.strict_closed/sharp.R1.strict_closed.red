% sgd-proofs claim sharp.R1.strict_closed: R1 > 0 on the closed region
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, z}, b + 1 >= 0 and - b + 1 >= 0 and a >= 0 and - a + 2*b + 2 >= 0 and z >= 0 and - z + 1 >= 0 and not (- 2*a**2*b*z**2 + 4*a*b**2*z**2 + 4*a*b*z**2 + b**4*z**4 + 2*b**3*z**3 - 2*b**3*z**2 - 2*b**2*z**2 - 2*b*z**2 + 2*b*z + 1 > 0))$
rlqe phi;
end;
