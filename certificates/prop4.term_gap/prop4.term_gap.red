% sgd-proofs claim prop4.term_gap: a^2 u_num(1) (2(1-b) + g a) - a S(1) > 0: each eq. 21 term exceeds the bound's term, a^2 u_num(1)/S(1) > a/(2(1-b) + g a)
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, g}, b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and g >= 0 and not (- a**3*b + a**3 > 0))$
rlqe phi;
end;
