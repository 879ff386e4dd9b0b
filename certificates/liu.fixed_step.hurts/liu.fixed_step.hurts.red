% sgd-proofs claim liu.fixed_step.hurts: 0<mu<1, 0<a<2 => (1+mu)(2-a) - (1-mu)(2(1+mu)-a) >= 0, i.e. E(mu) >= E(0) at a fixed step a = eta k: the unqualified 'momentum hurts near optima' (false: e.g. a = 3/2, mu = 1/4)
% expected answer: false (the claim holds)
rlset R$
phi := ex({mu, a}, mu > 0 and - mu + 1 > 0 and a > 0 and - a + 2 > 0 and not (2*mu**2 - 2*mu*a + 2*mu >= 0))$
rlqe phi;
end;
