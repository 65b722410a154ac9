package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/sbom"
	"github.com/boxwright/boxwright/internal/version"
)

func newSBOMCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "sbom [CONTEXT]",
		Short: "Generate an SBOM for a build context",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			root := "."
			if len(args) == 1 {
				root = args[0]
			}
			doc, err := sbom.Scan(root)
			if err != nil {
				return err
			}
			switch format {
			case "spdx-json", "":
				return sbom.WriteSPDX(os.Stdout, doc, version.Version)
			case "cyclonedx-json":
				return sbom.WriteCycloneDX(os.Stdout, doc, version.Version)
			}
			return fmt.Errorf("sbom: unknown format %q", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "spdx-json", "spdx-json or cyclonedx-json")
	return cmd
}
