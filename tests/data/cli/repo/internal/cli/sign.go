package cli

import (
	"github.com/spf13/cobra"

	"github.com/boxwright/boxwright/internal/log"
	"github.com/boxwright/boxwright/internal/sign"
)

func newSignCommand() *cobra.Command {
	var key string
	var keyless bool
	cmd := &cobra.Command{
		Use:   "sign IMAGE@DIGEST",
		Short: "Sign an image (the index for multi-platform images)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig()
			if err != nil {
				return err
			}
			if key == "" {
				key = cfg.Sign.Key
			}
			if keyless || cfg.Sign.Keyless {
				tok, err := sign.IDToken(cmd.Context())
				if err != nil {
					return err
				}
				log.Debugf("sign: got identity token (%d bytes)", len(tok))
				return nil
			}
			k, err := sign.LoadPrivateKey(key)
			if err != nil {
				return err
			}
			_, _, err = sign.Sign(cmd.Context(), k, sign.Target{Repository: args[0]}, nil)
			return err
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "private key: path, env://VAR or pkcs11: URI")
	cmd.Flags().BoolVar(&keyless, "keyless", false, "sign with an OIDC identity (Sigstore)")
	return cmd
}

func newVerifyCommand() *cobra.Command {
	var key string
	cmd := &cobra.Command{
		Use:   "verify IMAGE",
		Short: "Verify the signatures of an image",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return sign.ErrNoSignatures
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "public key")
	return cmd
}
