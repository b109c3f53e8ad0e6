from workplan_cli.cli import main

main()
