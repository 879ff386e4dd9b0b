% sgd-proofs claim sharp.S.z_closed: S > 0 also at z = 1 (0 < z <= 1), 0 <= g <= 1
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, g, z}, b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and g >= 0 and - g + 1 >= 0 and z > 0 and - z + 1 >= 0 and not (a**2*b*g*z**2 + a**2*b*z**2 + a**2*g*z - a**2*z - 2*a*b**2*z**2 - 2*a*b*z**2 + 2*a*b*z + 2*a*z - b**3*z**3 + b**3*z**2 + b**2*z**2 - b**2*z + b*z**2 - b*z - z + 1 > 0))$
rlqe phi;
end;
