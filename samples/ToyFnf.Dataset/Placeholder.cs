namespace ToyFnf.Dataset;
