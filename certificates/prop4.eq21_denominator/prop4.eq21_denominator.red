% sgd-proofs claim prop4.eq21_denominator: S(a,b,g,1) > 0 on -1<b<1, 0<a<2(b+1), g>=0 (the eq. 21 terms gamma a^2 u_num(1)/S(1) are finite and positive)
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, g}, b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and g >= 0 and not (a**2*b*g + a**2*b + a**2*g - a**2 - 2*a*b**2 + 2*a > 0))$
rlqe phi;
end;
