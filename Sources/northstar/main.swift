import NorthstarCLI

NorthstarCommand.runAndExit()
