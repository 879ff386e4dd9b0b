% sgd-proofs claim prop4.gap_bound: a <= 1+b (i.e. alpha_eff lambda (1-b)/(1+b) <= 1) => a^2 S(1) (2(1-b) + g a) - 2 a^3 (1-b)^2 (1+b) >= 0: the term gap a^3(1-b)/(S(1) N2) is at most a^2/(2(1-b^2)) = ((1-b)/(1+b)) (alpha_eff lambda)^2/2
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, g}, b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and g >= 0 and - a + b + 1 >= 0 and not (a**5*b*g**2 + a**5*b*g + a**5*g**2 - a**5*g - 4*a**4*b**2*g - 2*a**4*b**2 + 4*a**4*b + 4*a**4*g - 2*a**4 + 2*a**3*b**3 - 2*a**3*b**2 - 2*a**3*b + 2*a**3 >= 0))$
rlqe phi;
end;
