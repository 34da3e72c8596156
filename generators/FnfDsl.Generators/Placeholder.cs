namespace FnfDsl.Generators;
