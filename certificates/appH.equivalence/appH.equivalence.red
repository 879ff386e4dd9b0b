% sgd-proofs claim appH.equivalence: for all a, b: [for all x, y: f(x+iy) = 0 => x^2+y^2 < 1] <=> -1<b<1 and 0<a<2(1+b)
% expected answer: true (the equivalence holds)
rlset R$
phi := all({a, b}, (all(x, all(y, ((a*x - b*x + b + x**2 - x - y**2 = 0 and a*y - b*y + 2*x*y - y = 0) impl - x**2 - y**2 + 1 > 0)))) equiv (b + 1 > 0 and - b + 1 > 0 and a > 0 and - a + 2*b + 2 > 0))$
rlqe phi;
end;
