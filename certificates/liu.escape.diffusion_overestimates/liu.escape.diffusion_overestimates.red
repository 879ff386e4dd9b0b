% sgd-proofs claim liu.escape.diffusion_overestimates: 0<mu<1, c>0, x^2 - (1+mu+c) x + mu = 0, x > 1 => x (1-mu) < 1 - mu + c, i.e. r < 1 + c/(1-mu): the diffusion approximation's rate c/(1-mu) per step overestimates the exact growth
% expected answer: false (the claim holds)
rlset R$
phi := ex({mu, c, x}, mu > 0 and - mu + 1 > 0 and c > 0 and - mu*x + mu - c*x + x**2 - x = 0 and x - 1 > 0 and not (mu*x - mu + c - x + 1 > 0))$
rlqe phi;
end;
