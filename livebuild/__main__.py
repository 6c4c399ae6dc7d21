from livebuild.cli import main

main()
