# METADATA
# title: App Service web app is reachable from the public internet
# description: |
#   With public network access on (the default), anyone on the internet can reach the app's
#   endpoints, subject only to its access restrictions. Turning it off leaves private endpoints
#   as the only way in, for apps that serve internal clients or sit behind a gateway that
#   reaches them privately. The setting is public_network_access_enabled on
#   azurerm_linux_web_app and azurerm_windows_web_app; azurerm_app_service has none.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/overview-private-endpoint
# custom:
#   id: azure-app-service-public-network-access-enabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_222]
package converge.rules.terraform.azure_app_service_public_network_access_enabled

import rego.v1

import data.converge.lib.appservice
import data.converge.lib.terraform as tf

findings contains f if {
	some app in appservice.web_apps(["azurerm_linux_web_app", "azurerm_windows_web_app"])
	v := object.get(app.body, "public_network_access_enabled", null)
	not tf.is_false(v)
	not appservice.unknown(v)
	f := {
		"msg": sprintf("%s.%s allows public network access: public_network_access_enabled %s", [app.kind, app.name, appservice.describe(v)]),
		"route": array.concat(app.route, ["public_network_access_enabled"]),
	}
}
