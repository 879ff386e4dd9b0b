% sgd-proofs claim liu.effective_step.denominator: 0<mu<1, 0<p<2 => 2(1+mu) - p(1-mu) > 0: at a fixed effective step p = k eta/(1-mu) the heavy ball with a = p(1-mu) is stable and E(mu)/E(0) = (1+mu)(2-p)/(2(1+mu)-p(1-mu)) has a positive denominator
% expected answer: false (the claim holds)
rlset R$
phi := ex({mu, p}, mu > 0 and - mu + 1 > 0 and p > 0 and - p + 2 > 0 and not (mu*p + 2*mu - p + 2 > 0))$
rlqe phi;
end;
