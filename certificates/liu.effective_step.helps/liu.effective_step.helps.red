% sgd-proofs claim liu.effective_step.helps: 0<mu<1, 0<p<2 => (2(1+mu) - p(1-mu)) - (1+mu)(2-p) > 0, i.e. E(mu) < E(0) at a fixed effective step p = k eta/(1-mu): positive momentum lowers the stationary error (the diffusion approximation says they are equal)
% expected answer: false (the claim holds)
rlset R$
phi := ex({mu, p}, mu > 0 and - mu + 1 > 0 and p > 0 and - p + 2 > 0 and not (2*mu*p > 0))$
rlqe phi;
end;
