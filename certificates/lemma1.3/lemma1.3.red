% sgd-proofs claim lemma1.3: R1(a,b,z) >= 0 for -1<b<1, 0<a<2(b+1), 0<z<1 (z*u increasing in z)
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, z}, b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and z > 0 and - z + 1 > 0 and not (- 2*a**2*b*z**2 + 4*a*b**2*z**2 + 4*a*b*z**2 + b**4*z**4 + 2*b**3*z**3 - 2*b**3*z**2 - 2*b**2*z**2 - 2*b*z**2 + 2*b*z + 1 >= 0))$
rlqe phi;
end;
