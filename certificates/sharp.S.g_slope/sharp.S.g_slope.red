% sgd-proofs claim sharp.S.g_slope: the slope dS/dg = a^2 z (1+bz) is > 0 on the open (a,b,z) region
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, z}, b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and z > 0 and - z + 1 > 0 and not (a**2*b*z**2 + a**2*z > 0))$
rlqe phi;
end;
