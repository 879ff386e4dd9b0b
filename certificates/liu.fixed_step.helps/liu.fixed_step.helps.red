% sgd-proofs claim liu.fixed_step.helps: 0<mu<1, 1+mu<a<2 => (1+mu)(2-a) - (1-mu)(2(1+mu)-a) < 0: momentum helps (E(mu) < E(0)) there
% expected answer: false (the claim holds)
rlset R$
phi := ex({mu, a}, mu > 0 and - mu + 1 > 0 and - mu + a - 1 > 0 and - a + 2 > 0 and not (2*mu**2 - 2*mu*a + 2*mu < 0))$
rlqe phi;
end;
