import sys, re, collections
def samples(path):
    cur=None; thread=None
    for line in open(path):
        s=line.strip()
        if s.startswith('jdk.ExecutionSample'): cur=[]; thread=None
        elif s.startswith('sampledThread'): thread=s
        elif cur is not None and s.startswith(']'):
            yield thread, cur; cur=None
        elif cur is not None and s and not s.startswith(('startTime','state','stackTrace','sampledThread')):
            cur.append(s.split('(')[0])
def classify(st):
    j=' '.join(st)
    if 'ClassFilePatcher' in j or 'DebugLines' in j: return 'proc: ClassFilePatcher/DebugLines'
    if 'org.asyncio4j.processor' in j:
        if 'JavacTrees.getScope' in j: return 'proc: Trees.getScope (attributes a copy)'
        for f in st:  # leaf first
            if f.startswith('com.palantir.javapoet'): return 'proc: javapoet'
            if 'JavacFiler' in f: return 'proc: Filer I/O'
            if f.startswith('org.asyncio4j.processor.'):
                m=re.match(r'org\.asyncio4j\.processor\.(\w+)\.',f)
                pk=m.group(1) if m and m.group(1)[0].islower() else 'top'
                return 'proc: '+pk+' ('+f.split('.')[-2]+')' if len(sys.argv)>2 else 'proc: '+pk
        return 'proc: ?'
    phases=[('JavaCompiler.parseFiles','javac parse'),('JavaCompiler.generate','javac gen'),('JavaCompiler.desugar','javac desugar(lower)'),('JavaCompiler.flow','javac flow'),('JavaCompiler.attribute','javac attribute'),
            ('JavacProcessingEnvironment$Round.<init>','javac new round (re-parse/enter)'),('JavacProcessingEnvironment$Round.newRound','javac round cleanup'),('JavacProcessingEnvironment','javac processing other'),('JavaCompiler.enterTrees','javac enter'),('JavaCompiler.close','javac close'),('Locations','javac file manager'),('JavaCompiler.<init>','javac init')]
    for key,name in phases:
        if key in j: return name
    return 'other: '+ (st[-1] if st else '?')
c=collections.Counter(); n=0
for t,st in samples(sys.argv[1]):
    if t and '"main"' not in t: c['(non-main thread)']+=1; continue
    c[classify(st)]+=1; n+=1
for k,v in c.most_common(40): print(f'{v:6d} {100*v/n:5.1f}% {k}')
print(n,'main samples')
