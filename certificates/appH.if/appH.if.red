% sgd-proofs claim appH.if: region => every complex root x+iy of mu^2-(1+b-a)mu+b has x^2+y^2 < 1
% expected answer: false (the claim holds)
rlset R$
phi := ex({a, b, x, y}, b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0 and a*x - b*x + b + x**2 - x - y**2 = 0 and a*y - b*y + 2*x*y - y = 0 and not (- x**2 - y**2 + 1 > 0))$
rlqe phi;
end;
