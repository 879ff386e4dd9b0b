% sgd-proofs claim liu.escape.faster: 0<mu<1, c>0, x^2 - (1+mu+c) x + mu = 0, x > 1 => x > 1 + c: at a saddle (c = eta |k|) the growth factor of the mean with momentum exceeds plain SGD's 1 + c
% expected answer: false (the claim holds)
rlset R$
phi := ex({mu, c, x}, mu > 0 and - mu + 1 > 0 and c > 0 and - mu*x + mu - c*x + x**2 - x = 0 and x - 1 > 0 and not (- c + x - 1 > 0))$
rlqe phi;
end;
