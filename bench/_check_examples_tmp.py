import glob, json, math, sys, time
from kinship.io.case import load_case
from kinship.lr import kinship_lr
from kinship.likelihood import likelihood, genotype_distribution
def rel(a,b):
    if a is None or b is None: return 0 if a==b else float('inf')
    if b==0: return abs(a)
    return abs(a-b)/abs(b)
for f in sorted(glob.glob('../shared/kinship/examples/[KL]*.json')):
    c=load_case(f); exp=c.raw['expected']
    t=time.perf_counter()
    if c.kind=='kinship_lr':
        poi=c.raw['poi']['id']
        r=kinship_lr(c.pedigree, c.raw['missing_person'], c.genotypes[poi], c.markers, {k:v for k,v in c.genotypes.items() if k!=poi}, theta=c.theta, founder_inbreeding=c.founder_inbreeding).as_dict()
        errs=[rel(r['lr_total'],exp['lr_total'])]
        for a,b in zip(r['per_marker'],exp['per_marker']):
            errs += [rel(a['lr'],b['lr']), rel(a['lik_H1'],b['lik_H1']), rel(a['lik_H2'],b['lik_H2'])]
        dist=exp.get('mp_genotype_distribution') or {}
        fam={k:v for k,v in c.genotypes.items() if k!=poi}
        for mname,d in dist.items():
            got=genotype_distribution(c.pedigree, c.marker(mname), {i:g[mname] for i,g in fam.items() if mname in g}, c.raw['missing_person'])
            gs=d['genotypes'] if isinstance(d['genotypes'],list) else [d['genotypes']]; ps=d['prob'] if isinstance(d['prob'],list) else [d['prob']]
            for g,p in zip(gs,ps):
                errs.append(rel(got.get(g,0),p))
            if len(got)!=len(gs): errs.append(99)
    else:
        r=likelihood(c.pedigree,c.markers,c.genotypes,theta=c.theta,founder_inbreeding=c.founder_inbreeding).as_dict()
        errs=[rel(a['likelihood'],b['likelihood']) for a,b in zip(r['per_marker'],exp['per_marker'])]
    lrp = max(errs[:1+3*len(c.markers)]) if c.kind=='kinship_lr' else 0
    print(f"lr-part={lrp:.1e}", end=" "); print(f"{f.split('/')[-1]:45s} maxrel={max(errs):.2e} {1000*(time.perf_counter()-t):.1f}ms")
