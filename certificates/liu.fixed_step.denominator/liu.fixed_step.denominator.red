% sgd-proofs claim liu.fixed_step.denominator: 0<mu<1, 0<a<2 => (1-mu)(2(1+mu)-a) > 0: the denominator of E(mu)/E(0) = (1+mu)(2-a)/((1-mu)(2(1+mu)-a)) is positive, so E(mu) is finite and the comparison may be cross-multiplied
% expected answer: false (the claim holds)
rlset R$
phi := ex({mu, a}, mu > 0 and - mu + 1 > 0 and a > 0 and - a + 2 > 0 and not (- 2*mu**2 + mu*a - a + 2 > 0))$
rlqe phi;
end;
