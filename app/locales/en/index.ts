// Every catalogue of one language; the browser loads only its page's language (app/entry.client.tsx).
import account from './account.json'
import auth from './auth.json'
import common from './common.json'
import consent from './consent.json'
import dpo from './dpo.json'
import emails from './emails.json'
import home from './home.json'
import mydata from './mydata.json'
import policy from './policy.json'
import requests from './requests.json'
import transparency from './transparency.json'
import validation from './validation.json'

export default { account, auth, common, consent, dpo, emails, home, mydata, policy, requests, transparency, validation }
