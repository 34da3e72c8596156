System.Console.WriteLine("ToyFnf");
