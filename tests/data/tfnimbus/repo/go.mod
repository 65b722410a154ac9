module github.com/nimbusdns/terraform-provider-nimbus

go 1.24.0

require (
	github.com/hashicorp/terraform-plugin-framework v1.16.1
	github.com/hashicorp/terraform-plugin-framework-timeouts v0.5.0
	github.com/hashicorp/terraform-plugin-framework-validators v0.18.0
	github.com/hashicorp/terraform-plugin-go v0.29.0
	github.com/hashicorp/terraform-plugin-log v0.9.0
	github.com/hashicorp/terraform-plugin-mux v0.21.0
	github.com/hashicorp/terraform-plugin-sdk/v2 v2.38.1
)
