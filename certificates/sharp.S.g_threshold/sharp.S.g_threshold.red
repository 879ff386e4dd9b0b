% sgd-proofs claim sharp.S.g_threshold: for all g: [S > 0 on the whole Lemma 1.1 (a,b,z) region] <=> g >= 0
% expected answer: true (the equivalence holds)
rlset R$
phi := all({g}, (all(a, all(b, all(z, ((b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and z > 0 and - z + 1 > 0) impl g*a**2*b*z**2 + g*a**2*z + a**2*b*z**2 - a**2*z - 2*a*b**2*z**2 - 2*a*b*z**2 + 2*a*b*z + 2*a*z - b**3*z**3 + b**3*z**2 + b**2*z**2 - b**2*z + b*z**2 - b*z - z + 1 > 0))))) equiv (g >= 0))$
rlqe phi;
end;
