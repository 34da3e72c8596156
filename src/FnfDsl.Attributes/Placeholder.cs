namespace FnfDsl;
