% sgd-proofs claim prop4.bound_denominator: 2(1-b) + g a > 0 on the same region (the bound's term gamma a/(2(1-b) + g a) = lambda/(x + tau lambda) at x = 2/(gamma alpha_eff) is finite)
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, g}, b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and g >= 0 and not (a*g - 2*b + 2 > 0))$
rlqe phi;
end;
