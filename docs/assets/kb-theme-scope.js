/* Material for MkDocs' bootstrap (partials/javascripts/base.html), loaded from a file instead of
 * written inline, so that the Content-Security-Policy allows no inline script at all. Material
 * writes the site's base URL into the inline copy; this file lies in <site>/assets/, so the same
 * URL is the folder above its own. The rest is Material 9.8.1's code, unchanged. */
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
